using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Clinic.Controllers;

[ApiController]
[Route("api/[controller]")]
// expect: authn-bypass
public class PatientsController : ControllerBase
{
    private readonly IPatientStore _store;

    public PatientsController(IPatientStore store) => _store = store;

    [HttpGet("{id}")]
    public async Task<ActionResult<Patient>> Get(int id)
    {
        var p = await _store.FindAsync(id);
        return p is null ? NotFound() : Ok(p);
    }
}
