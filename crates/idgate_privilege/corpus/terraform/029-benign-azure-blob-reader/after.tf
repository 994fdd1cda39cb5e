resource "azurerm_role_assignment" "blob" {
  scope                = azurerm_storage_account.notifier.id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_user_assigned_identity.notifier.principal_id
}
