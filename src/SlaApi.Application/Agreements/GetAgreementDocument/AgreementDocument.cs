using System.Text;
using NodaTime;
using NodaTime.Text;
using SlaApi.Domain.Agreements;
using SlaApi.Domain.Calendars;
using SlaApi.Domain.Policies;
using SlaApi.Domain.Teams;

namespace SlaApi.Application.Agreements.GetAgreementDocument;

/// <summary>
/// The SLA schedule of one agreement version in plain words, as Markdown, written from the same definitions the engine
/// computes with: every hour, target, pause and credit it states is read from them, and every credit example is worked
/// out by <see cref="ServiceCredits"/>. Text entered by users is escaped, so it can never add markup of its own.
/// </summary>
public sealed class AgreementDocument
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("d MMMM uuuu");
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private readonly StringBuilder _text = new();
    private readonly DocumentSources _sources;
    private readonly AgreementTerms _terms;
    private readonly DateTimeZone _zone;
    private readonly decimal _charge;
    private int _section;

    private AgreementDocument(DocumentSources sources)
    {
        _sources = sources;
        _terms = sources.Agreement.Terms;
        _zone = DateTimeZoneProviders.Tzdb[_terms.TimeZone ?? "UTC"];
        _charge = _terms.MonthlyChargeWith(Tier?.MonthlySurchargePercent ?? 0m);
    }

    private ResponseTier? Tier => _terms.ResponseTier is { } name ? _sources.Policy.TierNamed(name) : null;

    private IReadOnlyList<PriorityTarget> Targets => Tier?.Targets ?? _sources.Policy.Targets;

    public static string Write(DocumentSources sources) => new AgreementDocument(sources).Render();

    private string Render()
    {
        var agreement = _sources.Agreement;
        var clauses = _terms.Clauses ?? AgreementClauses.None;
        Line($"# Service level agreement: {Escape(_terms.Name)}");
        Line();
        Line($"Agreement `{agreement.Id}`, version {agreement.Version}, in force from {When(agreement.VersionEffectiveFrom)}, under policy " +
             $"\"{Escape(_sources.Policy.Name)}\" version {_sources.Policy.Version}" +
             string.Concat(_sources.Calendars.Select(c => $", calendar \"{Escape(c.Name)}\" version {c.Version}")) + ". " +
             $"Dates are in {_zone.Id}; targets count business minutes of the calendar named with them.");

        Section("Parties");
        Item($"Service provider: {Escape(_sources.ProviderName)}.");
        Item($"Customer: {Escape(_sources.CustomerName)} (`{agreement.CustomerId}`).");

        Section("Term and renewal");
        Item($"Starts: {When(_terms.EffectiveFrom)}.");
        Item(_terms.EffectiveTo is { } end ? $"Ends: {When(end)} (the term ends at that instant)." : "Ends: no end date; it runs until replaced or ended.");
        Item(_terms.RenewalDate is { } renewal ? $"Renewal date: {DatePattern.Format(LocalDate.FromDateOnly(renewal))}." : "Renewal date: none stated.");

        Section("Fees and payment");
        Item($"Monthly fee: {Money(_terms.MonthlyFee.Amount)}.");
        if (Tier is { } tier)
            Item($"Response tier: {Escape(tier.Name)}, a surcharge of {Number(tier.MonthlySurchargePercent)} % of the fee: {Money(_charge)} a month in all.");
        Item(clauses.PaymentSchedule is { } payment
            ? $"Invoiced {payment.Frequency}; payment is due {payment.DueDays} days after the invoice" +
              (payment.Method is { } method ? $", by {Escape(method)}." : ".")
            : "Payment schedule: none stated.");

        Section("Covered services");
        if (_terms.CoversEveryService)
            Item("Every service the provider delivers to the customer.");
        foreach (var service in _terms.CoveredServices)
            Item($"`{service}`");

        Section("Exclusions");
        List(clauses.Exclusions, "None stated.");

        Section("Customer responsibilities");
        List(clauses.CustomerResponsibilities, "None stated.");

        Section("Coverage hours");
        foreach (var calendar in _sources.Calendars)
            CoverageOf(calendar);

        var planned = Targets.Any(t => t.PlanMinutes is not null);
        var answered = Targets.Any(t => t.NextReplyMinutes is not null);
        var columns = new List<(string Header, Func<PriorityTarget, int?> Minutes)> { ("First response", t => t.ResponseMinutes) };
        if (planned)
            columns.Add(("Resolution plan", t => t.PlanMinutes));
        columns.Add(("Resolution", t => t.ResolutionMinutes));
        columns.Add(("Update", t => t.UpdateMinutes));
        if (answered)
            columns.Add(("Next reply", t => t.NextReplyMinutes));
        Section(planned || answered ? "Targets" : "Response, resolution and update targets");
        Line($"| Priority | {string.Join(" | ", columns.Select(c => c.Header))} | Counted in |");
        Line($"|---|{string.Concat(columns.Select(_ => "---|"))}---|");
        foreach (var target in Targets)
        {
            var calendar = _sources.Calendars.First(c => c.Id == (target.CalendarId ?? _sources.Policy.CalendarId));
            var cells = columns.Select(c => c.Minutes(target) is { } minutes ? Minutes(minutes) : "none");
            Line($"| P{target.Priority} | {string.Join(" | ", cells)} | {Escape(calendar.Name)} |");
        }
        Line();
        if (planned)
            Line("The resolution plan is due from the moment an incident is opened and is given when the plan is sent to the customer; " +
                 "a plan given also counts as the first response, and resolving an incident gives its plan. It pauses as resolution does.");
        if (answered)
            Line("Each message from the customer that finds none of theirs waiting for an answer is to be answered within the next-reply " +
                 "target; the next reply from us, or the resolution, answers it. It pauses only where the first response does.");
        Line("A priority not listed has no targets: an incident opened with it has no clocks, and a change to it leaves the clocks " +
             "counting towards the targets they had. Incidents are measured from the moment they are opened.");

        Section("Pauses and reopening");
        Item(_sources.Policy.PauseStatuses.Count == 0
            ? "No status pauses the clocks."
            : $"The resolution and update clocks do not count while the incident's status is {string.Join(" or ", _sources.Policy.PauseStatuses.Select(s => $"`{s}`"))}." +
              (_sources.Policy.PauseResponse ? " The first-response clock pauses too." : " The first-response clock does not pause."));
        if (_sources.Policy.PauseReasons.Count > 0 && _sources.Policy.PauseStatuses.Count > 0)
            Item($"A pause may be given for these reasons only: {string.Join(", ", _sources.Policy.PauseReasons.Select(r => $"`{r}`"))}.");
        if (_sources.Policy.MaxPauseMinutes is { } cap && _sources.Policy.PauseStatuses.Count > 0)
            Item($"A clock pauses for at most {Minutes(cap)} in each cycle, counted in the hours of its own calendar; after that it counts again, " +
                 "whatever the incident's status.");
        Item($"A reopen within {Minutes(_sources.Policy.ReopenWindowMinutes, business: false)} of the resolution resumes the same resolution clock, " +
             "and the time in between is not counted; a later reopen starts a new resolution cycle with its own target.");
        Item("A change of priority applies the new priority's target, counted from the clock's start, to the clocks still running or paused; " +
             "a clock that has already stopped or breached keeps its target and its verdict. A resolution clock resumed by a reopen takes " +
             "the priority in force at the reopen.");

        if (_sources.EscalationTeams is { Count: > 0 } teams)
            EscalationOf(teams);

        Section("How performance is measured");
        Item("A clock is due when its counted time reaches its target. It is met when it stops at or before that moment and breached once " +
             "it runs or stops after it, even in hours outside coverage; a clock paused exactly at its target is due when it resumes. " +
             "A clock settles when it stops or breaches, whichever comes first, and its verdict does not change afterwards.");
        Item("Compliance in a period = met / (met + breached) among the clocks that settled in it, as a percentage to two decimals, " +
             "halves rounded up. " +
             "Incidents excluded by agreement (for example planned maintenance or an upheld dispute) are counted separately and left out of both.");
        Item($"Months are calendar months in {_zone.Id}.");
        Item($"The provider is warned when a clock reaches {string.Join(", ", _sources.Policy.WarningThresholds.Select(t => $"{t} %"))} of its target.");

        Section("Service credits");
        CreditsText();

        Section("Escalation");
        if (clauses.EscalationContacts.Count == 0)
            Line("No escalation contacts are stated.");
        else
        {
            Line("| Level | Name | Role | Email | Phone |");
            Line("|---|---|---|---|---|");
            foreach (var contact in clauses.EscalationContacts)
                Line($"| {contact.Level} | {Escape(contact.Name)} | {Escape(contact.Role ?? "")} | {Escape(contact.Email ?? "")} | {Escape(contact.Phone ?? "")} |");
        }
        return _text.ToString();
    }

    private void CoverageOf(Calendar calendar)
    {
        Line();
        Line($"**{Escape(calendar.Name)}** (calendar `{calendar.Id}` version {calendar.Version}, times in {calendar.TimeZoneId}):");
        Line();
        Line("| Day | Hours |");
        Line("|---|---|");
        for (var day = IsoDayOfWeek.Monday; day <= IsoDayOfWeek.Sunday; day++)
        {
            var current = day;
            var hours = calendar.Week.Intervals.Where(i => i.Day == current)
                .Select(i => $"{Clock(i.StartMinute)}–{Clock(i.EndMinute)}{(i.CrossesMidnight && i.EndMinute > 0 ? " (next day)" : "")}")
                .ToArray();
            Line($"| {current} | {(hours.Length == 0 ? "closed" : string.Join(", ", hours))} |");
        }
        var holidays = calendar.Holidays.Where(InTerm).ToArray();
        Line();
        if (holidays.Length == 0)
            Line("Holidays in the term: none.");
        else
        {
            Line("Holidays in the term (closed all day):");
            Line();
            foreach (var holiday in holidays)
                Item($"{DatePattern.Format(holiday.Date)}: {Escape(holiday.Name)}");
        }
    }

    private bool InTerm(Holiday holiday)
    {
        var zone = _zone;
        var first = NodaTime.Instant.FromDateTimeOffset(_terms.EffectiveFrom).InZone(zone).Date;
        var last = _terms.EffectiveTo is { } end ? (NodaTime.Instant.FromDateTimeOffset(end) - Duration.Epsilon).InZone(zone).Date : (LocalDate?)null;
        return holiday.Date >= first && (last is null || holiday.Date <= last);
    }

    private void CreditsText()
    {
        if (_terms.CreditRules.Count == 0)
        {
            Line("This agreement has no service credits.");
            return;
        }
        Line($"Credits are owed per calendar month and are shares of the monthly charge, {Money(_charge)}.");
        Line();
        foreach (var rule in _terms.CreditRules)
        {
            var metric = MetricName(rule.Metric);
            switch (rule.Kind)
            {
                case CreditRule.FixedPerBreach:
                    Item($"Each breached {metric} earns {Money(rule.AmountPerBreach ?? 0m)}" +
                         (rule.CapAmount is { } cap ? $", at most {Money(cap)} a month." : ".") + $" For example, {Example(rule, 2)}.");
                    break;
                case CreditRule.ComplianceTiers:
                    Item($"By the month's {metric} compliance: " + string.Join("; ", (rule.Tiers ?? []).OrderByDescending(t => t.BelowPercent).Select(t =>
                        $"below {Number(t.BelowPercent)} % earns {Number(t.CreditPercent)} % ({Money(Credit(rule with { Tiers = [t] }, new MetricMonth(0, 1)))})")) +
                        ". Only the lowest tier reached applies; a month with no settled clock earns none.");
                    break;
                default:
                    Item($"Each breached {metric} earns {Number(rule.PercentOfMonthlyFeePerBreach ?? 0m)} % of the monthly charge, " +
                         $"at most {Number(rule.CapPercent ?? 0m)} % a month. For example, {Example(rule, 2)}.");
                    break;
            }
        }
        Line();
        Line($"All credits of a month together are at most {Number(_terms.CreditCapPercent ?? ServiceCredits.WholeFeePercent)} % of the monthly charge. " +
             "Breaches of excluded incidents earn no credit. Amounts are rounded to the cent, halves away from zero.");
    }

    private string Example(CreditRule rule, long breaches) =>
        $"{breaches} breaches in a month earn {Money(Credit(rule, new MetricMonth(0, breaches)))}";

    private decimal Credit(CreditRule rule, MetricMonth month) =>
        ServiceCredits.For(_terms with { CreditRules = [rule], CreditCapPercent = null }, _charge, _ => month).Total;

    private void EscalationOf(IReadOnlyList<Team> teams)
    {
        Section("Escalation");
        Line("An incident is worked by these teams in turn, each held to its own operational level agreement, counted in the hours of its own " +
             "calendar: to acknowledge the incident once assigned, and to resolve it or hand it on.");
        Line();
        foreach (var team in teams)
        {
            var olas = team.OlaTargets.Select(t => $"P{t.Priority} acknowledge within {Minutes(t.AcknowledgeMinutes)}, resolve or hand on within {Minutes(t.ResolveMinutes)}");
            Item($"{Escape(team.Name)}" + (team.Vendor is { } vendor ? $" ({Escape(vendor)}, under an underpinning contract)" : "") + ": " +
                 (team.OlaTargets.Count == 0 ? "no targets." : string.Join("; ", olas) + "."));
        }
        foreach (var warning in EscalationCheck.Of(_sources.Policy.ForTier(Tier?.Name), teams))
            Item($"Warning ({warning.Code}): {Escape(warning.Detail)}");
    }

    private static string MetricName(string metric) => metric switch
    {
        "response" => "first response",
        "plan" => "resolution plan",
        "next-reply" => "next reply",
        "resolution" => "resolution",
        _ => "update",
    };

    private void Section(string title)
    {
        Line();
        Line($"## {++_section}. {title}");
        Line();
    }

    private void List(IReadOnlyList<string> items, string none)
    {
        if (items.Count == 0)
            Line(none);
        foreach (var item in items)
            Item(Escape(item));
    }

    private void Item(string text) => Line($"- {text}");

    private void Line(string text = "") => _text.Append(text).Append('\n');

    private string When(DateTimeOffset at)
    {
        var local = NodaTime.Instant.FromDateTimeOffset(at).InZone(_zone);
        return $"{DatePattern.Format(local.Date)} {local.TimeOfDay.ToString("HH:mm", Invariant)} ({_zone.Id})";
    }

    private string Money(decimal amount) => $"{amount.ToString("#,##0.00", Invariant)} {_terms.MonthlyFee.Currency}";

    private static string Number(decimal value) => value.ToString("0.####", Invariant);

    private static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    /// <summary>Whole business minutes, and the same in hours where that reads more easily.</summary>
    private static string Minutes(int minutes, bool business = true)
    {
        var unit = business ? "business minutes" : "minutes";
        var text = $"{minutes.ToString("#,##0", Invariant)} {unit}";
        return minutes >= 60 ? $"{text} ({Hours(minutes)})" : text;
    }

    private static string Hours(int minutes) =>
        (minutes / 60, minutes % 60) switch
        {
            (var h, 0) when h % 24 == 0 && h >= 48 => $"{h / 24} days",
            (var h, 0) => $"{h} h",
            var (h, m) => $"{h} h {m} min",
        };

    /// <summary>Escapes what Markdown would read as markup, and folds line breaks, in text users entered.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
                escaped.Append(' ');
            else if ("\\`*_[]<>#!|~&".Contains(c))
                escaped.Append('\\').Append(c);
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }
}

/// <summary>Everything a document is written from: the agreement version and the definitions it names, at one instant.</summary>
/// <param name="EscalationTeams">The teams of the policy's escalation path, in its order, as they stood then.</param>
public sealed record DocumentSources(
    Agreement Agreement, SlaPolicy Policy, IReadOnlyList<Calendar> Calendars, string CustomerName, string ProviderName,
    IReadOnlyList<Team>? EscalationTeams = null);
