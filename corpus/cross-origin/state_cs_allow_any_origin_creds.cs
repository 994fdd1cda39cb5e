var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddPolicy("spa", p => p
    // expect: cross-origin
    .SetIsOriginAllowed(origin => true)
    .AllowAnyHeader()
    .AllowAnyMethod()
    .AllowCredentials()));
var app = builder.Build();
app.UseCors("spa");
app.MapControllers();
app.Run();
