using GraphQL;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Loop.Consultations.Graph;

/// <summary>
/// Consultations and their parts by global id, scoped like <c>consultation(id)</c>: a street or community role finds its
/// subtree's, the public every one (names and posts masked by the graph types, as everywhere).
/// </summary>
internal sealed class ConsultationNode : INodeType
{
    public string TypeName => ConsultationReader.TypeName;

    public string Door => "consultation";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<ConsultationReader>().FindAsync(id, ConsultationQueries.VisibleCodes(context), context.CancellationToken)
        : null;
}

internal sealed class ParticipantNode : INodeType
{
    public string TypeName => ConsultationReader.ParticipantType;

    public string Door => "consultation";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? (await context.Service<ConsultationReader>().FindHoldingAsync(c => c.Participants.Any(p => p.Id == id),
            ConsultationQueries.VisibleCodes(context), context.CancellationToken))?.Participants.FirstOrDefault(p => p.Id == id)
        : null;
}

internal sealed class PostNode : INodeType
{
    public string TypeName => ConsultationReader.PostType;

    public string Door => "consultation";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? (await context.Service<ConsultationReader>().FindHoldingAsync(c => c.Posts.Any(p => p.Id == id),
            ConsultationQueries.VisibleCodes(context), context.CancellationToken))?.Posts.FirstOrDefault(p => p.Id == id)
        : null;
}

internal sealed class ProposalNode : INodeType
{
    public string TypeName => ConsultationReader.ProposalType;

    public string Door => "consultation";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? (await context.Service<ConsultationReader>().FindHoldingAsync(c => c.Proposals.Any(p => p.Id == id),
            ConsultationQueries.VisibleCodes(context), context.CancellationToken))?.Proposals.FirstOrDefault(p => p.Id == id)
        : null;
}
