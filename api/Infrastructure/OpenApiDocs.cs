using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GhostAssist.Api.Infrastructure;

public static class OpenApiDocs
{
    public static WebApplicationBuilder AddOpenApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "GhostAssist API",
                Version = "v1",
                Description = "Reads a mail thread, says how likely the contact is ghosting and why, drafts the right follow-up and coaches it before it is sent.",
            });
            options.CustomSchemaIds(type => type.FullName?.Replace("GhostAssist.Api.", "", StringComparison.Ordinal).Replace('+', '.'));

            // The pane's types are generated from this document (addin/openapi.json): it must say which
            // fields are always there. Nulls are not written (WhenWritingNull), so a field is present
            // exactly when its C# type is not nullable.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.SchemaFilter<PresentWhenNotNullable>();
        });
        return builder;
    }

    public static WebApplication UseOpenApiDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "GhostAssist API v1");
            options.DocumentTitle = "GhostAssist API";
        });
        return app;
    }

    /// <summary>
    /// Marks non-nullable value-type fields (ints, booleans, dates) required too, since they are always
    /// written, and lists a field's <see cref="AllowedValuesAttribute"/> as its enum (a risk level is one
    /// of three words, and the pane's type says so).
    /// </summary>
    private sealed class PresentWhenNotNullable : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null || context.Type.IsPrimitive)
            {
                return;
            }

            foreach (var (name, property) in concrete.Properties)
            {
                var nullable = property is OpenApiSchema inline && inline.Type is { } type && type.HasFlag(JsonSchemaType.Null);
                var member = context.Type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (member?.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed && property is OpenApiSchema values)
                {
                    values.Enum = allowed.Values.Select(v => JsonValue.Create(v?.ToString())).Cast<JsonNode>().ToList();
                }

                if (!nullable && member is { PropertyType.IsValueType: true } && Nullable.GetUnderlyingType(member.PropertyType) is null)
                {
                    concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                    concrete.Required.Add(name);
                }
            }
        }
    }
}
