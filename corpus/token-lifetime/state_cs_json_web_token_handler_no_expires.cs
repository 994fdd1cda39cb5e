using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Fabrikam.Auth;

public sealed class MachineTokens
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string ForWorker(SigningCredentials credentials, string worker)
    {
        // expect: token-issued-without-expiry
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://sts.fabrikam.test",
            Audience = worker,
            SigningCredentials = credentials,
        };
        return _handler.CreateToken(descriptor);
    }

    public string ForUser(SigningCredentials credentials, string user)
    {
        // ok: token-issued-without-expiry
        var descriptor = new SecurityTokenDescriptor { Audience = user, SigningCredentials = credentials };
        descriptor.Expires = DateTime.UtcNow.AddMinutes(15);
        return _handler.CreateToken(descriptor);
    }
}
