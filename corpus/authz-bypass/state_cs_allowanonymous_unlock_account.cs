using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Support;

[ApiController]
[Authorize(Roles = "SupportLead")]
[Route("api/support/accounts")]
public class AccountRecoveryController : ControllerBase
{
    [AllowAnonymous]
    [HttpPost("{accountId}/verify-email")]
    // expect: authz-bypass
    public IActionResult VerifyEmail(string accountId) => Ok();
}
