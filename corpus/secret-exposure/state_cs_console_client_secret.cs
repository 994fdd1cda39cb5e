var builder = WebApplication.CreateBuilder(args);
var clientSecret = builder.Configuration["Oidc:ClientSecret"];
// expect: secret-exposure
Console.WriteLine($"Starting with OIDC client secret {clientSecret}");
builder.Services.AddAuthentication().AddOpenIdConnect(o => o.ClientSecret = clientSecret);
var app = builder.Build();
app.Run();
