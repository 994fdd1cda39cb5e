using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Web.Controllers;

[Authorize]
public class AccountController : Controller
{
    [HttpGet]
    [AllowAnonymous]
    // ok: authz-bypass
    public IActionResult Login(string? returnUrl = null) => View(model: returnUrl);

    public IActionResult Profile() => View();
}
