using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Web.Areas.Admin;

[Authorize(Roles = "Administrator")]
public class SessionController : Controller
{
    [HttpGet]
    [AllowAnonymous]
    // ok: authz-bypass
    public IActionResult Login(string? returnUrl = null) => View(model: returnUrl);

    public IActionResult Sessions() => View();
}
