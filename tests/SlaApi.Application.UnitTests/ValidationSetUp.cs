namespace SlaApi.Application.UnitTests;

/// <summary>Validators run with the options the application configures at start-up.</summary>
[SetUpFixture]
public sealed class ValidationSetUp
{
    [OneTimeSetUp]
    public void ConfigureValidation() => DependencyInjection.ConfigureValidation();
}
