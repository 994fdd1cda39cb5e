using Contoso.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication().AddJwtBearer();
builder.Services.AddAuthorization();
builder.Services.AddScoped<OrderService>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/orders", (OrderService s) => s.All()).RequireAuthorization();
app.MapPost("/orders/{id}/cancel", (int id, OrderService s) => s.Cancel(id)).RequireAuthorization();

app.Run();
