resource "azurerm_role_assignment" "ci" {
  scope                = azurerm_resource_group.billing.id
  role_definition_name = "Reader"
  principal_id         = var.ci_principal
}
