const SERVICE_SCOPES = {
  'billing-worker': ['invoices:read', 'invoices:write'],
  'report-exporter': ['reports:read'],
};

module.exports = { SERVICE_SCOPES };
