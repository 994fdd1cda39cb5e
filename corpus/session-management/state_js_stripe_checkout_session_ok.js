const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);

module.exports = async function checkoutSuccess(req, res) {
  // ok: session-management
  const checkout = await stripe.checkout.sessions.retrieve(req.query.session_id);
  await orders.markPaid(checkout.client_reference_id);
  res.redirect('/orders');
};
