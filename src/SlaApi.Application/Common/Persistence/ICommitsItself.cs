namespace SlaApi.Application.Common.Persistence;

/// <summary>A command whose writes are committed by the event writer's group commit, not in a transaction of its own request.</summary>
public interface ICommitsItself;
