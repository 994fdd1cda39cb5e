resource "azurerm_role_assignment" "notifier" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azuread_service_principal.notifier.object_id
}
