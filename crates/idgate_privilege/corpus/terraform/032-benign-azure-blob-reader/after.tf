resource "azurerm_role_assignment" "blob" {
  scope                = azurerm_storage_account.billing.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_user_assigned_identity.billing.principal_id
}
