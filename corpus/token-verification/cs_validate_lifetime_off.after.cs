using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Contoso.Api;

public static class AuthSetup
{
    public static void AddApiAuth(this IServiceCollection services, IConfiguration cfg)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = cfg["Auth:Authority"];
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    // expect: token-verification
                    ValidateAudience = false,
                    // expect: token-verification
                    ValidateLifetime = false,
                    ValidAudience = cfg["Auth:Audience"],
                };
            });
    }
}
