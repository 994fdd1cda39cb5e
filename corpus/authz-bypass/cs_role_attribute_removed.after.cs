using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Fabrikam.Admin.Controllers;

[ApiController]
[Route("api/tenants")]
[Authorize]
public class TenantsController : ControllerBase
{
    private readonly ITenantService _tenants;

    public TenantsController(ITenantService tenants) => _tenants = tenants;

    [HttpDelete("{id}")]
    // expect: authz-bypass
    public async Task<IActionResult> Delete(Guid id)
    {
        await _tenants.DeleteAsync(id);
        return NoContent();
    }
}
