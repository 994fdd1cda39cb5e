var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
    .WithOrigins("https://app.contoso.com")
    .AllowCredentials()
    .AllowAnyHeader()));
var app = builder.Build();
app.UseCors();
app.Run();
