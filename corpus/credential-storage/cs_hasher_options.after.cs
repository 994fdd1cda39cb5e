using Microsoft.AspNetCore.Identity;

namespace Contoso.Accounts;

public static class IdentitySetup
{
    public static void Configure(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.IterationCount = 600_000;
        });
}
