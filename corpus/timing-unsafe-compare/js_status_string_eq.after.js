function isActive(subscription) {
  // ok: timing-unsafe-compare
  return subscription.status === 'active' || subscription.status === 'trialing';
}

module.exports = { isActive };
