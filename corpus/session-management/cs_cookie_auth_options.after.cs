using Microsoft.AspNetCore.Authentication.Cookies;

namespace Contoso.Web;

public static class CookieAuth
{
    public static void Add(IServiceCollection services) =>
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                // expect: session-management
                o.ExpireTimeSpan = TimeSpan.FromDays(365);
                // expect: session-management
                o.Cookie.SecurePolicy = CookieSecurePolicy.None;
                o.Cookie.HttpOnly = true;
                o.SlidingExpiration = true;
            });
}
