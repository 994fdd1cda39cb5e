function isActive(subscription) {
  return subscription.status == 'active';
}

module.exports = { isActive };
