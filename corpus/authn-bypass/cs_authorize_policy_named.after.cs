using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Clinic.Controllers;

[ApiController]
[Route("api/[controller]")]
[Authorize(Policy = "ClinicStaff")]
public class AppointmentsController : ControllerBase
{
    private readonly IAppointmentStore _store;

    public AppointmentsController(IAppointmentStore store) => _store = store;

    [HttpGet]
    public async Task<IActionResult> List() => Ok(await _store.ListAsync());
}
