using Microsoft.Extensions.Logging;

namespace Contoso.Auth;

public class SignInAudit
{
    private readonly ILogger<SignInAudit> _log;
    public SignInAudit(ILogger<SignInAudit> log) => _log = log;

    // ok: secret-exposure
    public void Succeeded(string userId, string method) => _log.LogInformation("Sign-in {UserId} via {Method}", userId, method);
}
