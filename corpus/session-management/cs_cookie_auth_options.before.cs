using Microsoft.AspNetCore.Authentication.Cookies;

namespace Contoso.Web;

public static class CookieAuth
{
    public static void Add(IServiceCollection services) =>
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.HttpOnly = true;
                o.SlidingExpiration = true;
            });
}
