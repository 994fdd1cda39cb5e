resource "azurerm_role_assignment" "ops" {
  scope              = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/billing"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
  principal_id       = "9b6c2f1e-0000-4000-8000-00000000abcd"
}
