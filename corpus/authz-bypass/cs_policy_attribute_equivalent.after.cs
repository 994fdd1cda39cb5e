using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Fabrikam.Admin.Controllers;

[ApiController]
[Route("api/plans")]
public class PlansController : ControllerBase
{
    private readonly IPlanService _plans;

    public PlansController(IPlanService plans) => _plans = plans;

    [HttpPut("{id}")]
    [Authorize(Policy = Policies.BillingAdmin)]
    public async Task<IActionResult> Update(Guid id, PlanDto dto)
    {
        await _plans.UpdateAsync(id, dto);
        return NoContent();
    }
}
