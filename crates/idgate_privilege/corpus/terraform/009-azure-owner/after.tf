resource "azurerm_role_assignment" "billing" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Owner"
  principal_id         = azuread_service_principal.billing.object_id
}
