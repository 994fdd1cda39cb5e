const SERVICE_SCOPES = {
  'billing-worker': ['invoices:read', 'invoices:write'],
  // expect: over-privilege
  'report-exporter': ['reports:read', '*'],
};

module.exports = { SERVICE_SCOPES };
