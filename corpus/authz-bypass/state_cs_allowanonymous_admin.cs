using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Web.Areas.Admin;

[Area("Admin")]
[Authorize(Roles = "Administrator")]
public class UsersController : Controller
{
    private readonly IUserAdmin _users;
    public UsersController(IUserAdmin users) => _users = users;

    public IActionResult Index() => View(_users.All());

    [HttpPost]
    [AllowAnonymous]
    // expect: authz-bypass
    public IActionResult ResetPassword(string id)
    {
        _users.ResetPassword(id);
        return RedirectToAction(nameof(Index));
    }
}
