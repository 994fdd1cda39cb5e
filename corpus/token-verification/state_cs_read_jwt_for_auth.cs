using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Api.Filters;

public class TenantAdminFilter : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext ctx)
    {
        var raw = ctx.HttpContext.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
        // expect: token-verification
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw);
        if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "tenant-admin"))
            ctx.Result = new ForbidResult();
    }
}
