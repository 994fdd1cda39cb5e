using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Contoso.Auth;

public class ApiKeyHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> o, ILoggerFactory l, UrlEncoder e) : base(o, l, e) { }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // expect: authn-bypass
        if (Request.Headers.ContainsKey("X-Debug-Admin"))
            return Task.FromResult(AuthenticateResult.Success(Ticket("debug-admin")));
        var key = Request.Headers["X-Api-Key"].ToString();
        return Task.FromResult(ApiKeys.IsValid(key) ? AuthenticateResult.Success(Ticket(key)) : AuthenticateResult.Fail("bad key"));
    }

    private AuthenticationTicket Ticket(string name) =>
        new(new ClaimsPrincipal(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, name) }, Scheme.Name)), Scheme.Name);
}
