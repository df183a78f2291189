using FluentValidation;
using Mediator;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Application.Policies.GetPolicy;

/// <summary>The given version of a policy, or its latest when <see cref="Version"/> is null.</summary>
public sealed record GetPolicyQuery(Guid Id, int? Version) : IQuery<PolicyDto>;

public sealed class GetPolicyValidator : AbstractValidator<GetPolicyQuery>
{
    public GetPolicyValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1);
}

public sealed class GetPolicyHandler(ISlaPolicyRepository policies, EscalationWarnings warnings) : IQueryHandler<GetPolicyQuery, PolicyDto>
{
    public async ValueTask<PolicyDto> Handle(GetPolicyQuery query, CancellationToken ct)
    {
        var policy = await policies.GetAsync(query.Id, query.Version, ct)
            ?? throw new NotFoundException(query.Version is null ? "Policy" : $"Version {query.Version} of policy", query.Id);
        return PolicyDto.From(policy, await warnings.OfAsync(policy, ct));
    }
}
