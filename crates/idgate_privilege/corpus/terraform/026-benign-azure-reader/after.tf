resource "azurerm_role_assignment" "r" {
  scope                = azurerm_resource_group.billing.id
  role_definition_name = "Reader"
  principal_id         = azuread_group.readers.object_id
}
