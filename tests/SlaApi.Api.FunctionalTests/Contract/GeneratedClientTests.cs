using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using SlaApi.Client;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Client
{
    /// <summary>The generated client reads strictly: a field the contract does not name, or a null it says cannot be, fails.</summary>
    public partial class SlaApiClient
    {
        static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
        {
            settings.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            settings.RespectNullableAnnotations = true;
        }
    }
}

namespace SlaApi.Api.FunctionalTests.Contract
{
    /// <summary>
    /// The README walk-through, driven by the client NSwag generates from api-spec/openapi.v1.json at build time, against
    /// the API on SQLite. A contract that lies makes this fail to compile, or the client fail to read an answer; every
    /// answer is also checked against the contract by the test server.
    /// </summary>
    public sealed class GeneratedClientTests
    {
        private static readonly DateTimeOffset Now = ApiTest.Now;

        private SlaApiFactory _factory = null!;

        [OneTimeSetUp]
        public async Task StartApi()
        {
            var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
            _factory = new SlaApiFactory(database, new FakeTimeProvider(Now));
        }

        [OneTimeTearDown]
        public async Task StopApi() => await _factory.DisposeAsync();

        [Test]
        public async Task ReadmeWalkThrough_RunsOnTheGeneratedClient()
        {
            var admin = Client(await _factory.IssueKeyAsync([Scopes.Admin]));

            var calendar = await admin.DefineCalendarAsync(new CalendarRequest
            {
                Name = "New York office hours",
                TimeZone = "America/New_York",
                Week = new WeeklyHours
                {
                    Monday = [OfficeHours()], Tuesday = [OfficeHours()], Wednesday = [OfficeHours()], Thursday = [OfficeHours()], Friday = [OfficeHours()],
                },
                Holidays = [new HolidayEntry { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" }, new HolidayEntry { Date = new DateOnly(2027, 1, 1), Name = "New Year's Day" }],
            });
            var due = await admin.CalculateDueDateAsync(calendar.Id.ToString(), new DueDateRequest { Start = DateTimeOffset.Parse("2026-12-24T16:00:00-05:00"), Minutes = 120 });
            due.DueAt.Should().Be(DateTimeOffset.Parse("2026-12-28T14:00:00Z"), "one hour on Thursday, Christmas skipped, one hour on Monday");

            var policy = await admin.DefinePolicyAsync(new PolicyRequest
            {
                Name = "Gold",
                CalendarId = calendar.Id,
                Targets =
                [
                    new PriorityTargetDto { Priority = 1, ResponseMinutes = 15, ResolutionMinutes = 240, CalendarId = Guid.Parse("00000000-0000-0000-0000-000000002407") },
                    new PriorityTargetDto { Priority = 3, ResponseMinutes = 60, ResolutionMinutes = 480 },
                ],
                PauseStatuses = ["waiting-customer"],
                WarningThresholds = [50, 75, 90],
            });

            var customer = await admin.RegisterCustomerAsync(new CustomerRequest { Name = "Acme Dental", ExternalRefs = [new ExternalRefDto { Source = "connectwise", Id = "250" }] });
            (await admin.ListCustomersAsync(null, null, "connectwise", "250")).Items.Should().ContainSingle(c => c.Id == customer.Id);

            var agreement = await admin.ConcludeAgreementAsync(new AgreementRequest
            {
                CustomerId = customer.Id,
                PolicyId = policy.Id,
                Name = "Managed workstations 2026",
                EffectiveFrom = DateTimeOffset.Parse("2026-01-01T00:00:00Z"),
                EffectiveTo = DateTimeOffset.Parse("2027-01-01T00:00:00Z"),
                RenewalDate = new DateOnly(2026, 12, 1),
                CoveredServices = ["managed-workstations"],
                MonthlyFee = new MoneyDto { Amount = 1500.00, Currency = "USD" },
                CreditRules = [new CreditRuleDto { Metric = "resolution", PercentOfMonthlyFeePerBreach = 5, CapPercent = 25 }],
            });

            var dashboardKey = await admin.CreateApiKeyAsync(new ApiKeyRequest { Name = "Acme dashboard", Scopes = ["sla:read", "reports:read"], CustomerId = customer.Id });

            var incident = await admin.OpenIncidentAsync(new OpenIncidentRequest
            {
                Source = "connectwise", ExternalId = "T-1001", CustomerRef = new ExternalRefDto { Source = "connectwise", Id = "250" },
                Title = "Email is down", Priority = 1, ServiceCode = "managed-workstations", Status = "new", OpenedAt = Now.AddMinutes(-20),
            });
            incident.Sla!.AgreementId.Should().Be(agreement.Id);
            var answered = await admin.RecordIncidentEventAsync(incident.Id, new IncidentEventRequest { EventId = "cw-5001", Type = "responded", OccurredAt = Now.AddMinutes(-5) });
            answered.Clocks.Should().Contain(c => c.Metric == "response" && c.State == "met");
            (await admin.GetIncidentTimelineAsync(incident.Id)).Clocks.Should().NotBeEmpty();
            (await admin.GetQueueAsync(null, 10)).Should().ContainSingle(item => item.Incident.ExternalId == "T-1001" && item.Clock.Metric == "resolution");

            var revised = await admin.RevisePolicyAsync(policy.Id, "\"1\"", new PolicyRequest
            {
                Name = "Gold", CalendarId = calendar.Id, Targets = [new PriorityTargetDto { Priority = 1, ResponseMinutes = 10, ResolutionMinutes = 240 }],
            });
            revised.Version.Should().Be(2);
            var stale = async () => await admin.RevisePolicyAsync(policy.Id, "\"1\"", new PolicyRequest { Name = "Gold", CalendarId = calendar.Id, Targets = revised.Targets });
            (await stale.Should().ThrowAsync<ApiException<ProblemDetails>>()).Which.StatusCode.Should().Be((int)HttpStatusCode.PreconditionFailed);
            (await admin.GetPolicyVersionAsync(policy.Id, 1)).Targets.Should().HaveCount(2);
            (await admin.ListExpiringAgreementsAsync(30, null, null)).Items.Should().ContainSingle(a => a.Id == agreement.Id);

            var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
            var to = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var compliance = await admin.GetComplianceReportAsync(from, to, "America/New_York", "customer,metric", "month", null);
            compliance.Rows.Should().ContainSingle(r => r.Metric == "response" && r.Met == 1);
            (await admin.GetResponseTimesReportAsync(from, to, null, "priority", null, null)).Rows.Should().NotBeEmpty();
            (await admin.ListBreachesAsync(from, to, null, null, null, null, 1, 50)).Rows.Should().BeEmpty();
            (await admin.GetCreditsReportAsync("2026-11", "America/New_York", null)).Month.Should().Be("2026-11");
            (await admin.GetRenewalsReportAsync(60, null, null)).Rows.Should().ContainSingle(r => r.AgreementId == agreement.Id);

            var dashboard = Client(dashboardKey.Key);
            (await dashboard.ListIncidentsAsync(null, null, null, null, null, null, null, null, null)).Items.Should().ContainSingle(i => i.Id == incident.Id);
        }

        private static OpeningHours OfficeHours() => new() { Start = "08:00", End = "17:00" };

        private SlaApiClient Client(string key)
        {
            var http = _factory.CreateClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            return new SlaApiClient(http);
        }
    }
}
