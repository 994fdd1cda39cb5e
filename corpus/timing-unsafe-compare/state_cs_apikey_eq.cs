using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc;

namespace Contoso.Api.Filters;

public class ApiKeyFilter : IAuthorizationFilter
{
    private readonly string _key;
    public ApiKeyFilter(IConfiguration cfg) => _key = cfg["Partner:ApiKey"]!;

    public void OnAuthorization(AuthorizationFilterContext ctx)
    {
        var presented = ctx.HttpContext.Request.Headers["X-Api-Key"].ToString();
        // expect: timing-unsafe-compare
        if (presented != _key)
            ctx.Result = new UnauthorizedResult();
    }
}
