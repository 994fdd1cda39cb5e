resource "azurerm_role_assignment" "ci" {
  scope                = azurerm_resource_group.notifier.id
  role_definition_name = "Contributor"
  principal_id         = var.ci_principal
}
