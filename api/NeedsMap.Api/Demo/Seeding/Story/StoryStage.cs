using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Consultations;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Loop.Scenes.Effect;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Demo.Seeding.Story;

/// <summary>
/// The product's own services, as a request would get them, but run by a named person at a moment of the story:
/// each is built with the story's clock and the actor's <see cref="AccessScope"/> in place of the request's, and
/// shares the scope's DbContext and commit with the others. So every row is what the mutation would have written.
/// </summary>
internal sealed class StoryStage(IServiceProvider services, DemoClock clock)
{
    public DemoClock Clock => clock;

    public NeedsMapDbContext Db => services.GetRequiredService<NeedsMapDbContext>();

    /// <summary>Moves the story's clock to <paramref name="moment"/>.</summary>
    public StoryStage At(DateTimeOffset moment)
    {
        clock.Now = moment;
        return this;
    }

    /// <summary>The scope of a signed-in caller, as the security middleware would establish it.</summary>
    public AccessScope As(Caller caller)
    {
        var scope = new AccessScope(services.GetRequiredService<CityClock>());
        scope.Establish(caller, services.GetRequiredService<ReferenceData>().Current, scope.MinimumGroup);
        return scope;
    }

    public ConsultationDiscussion Discussion(AccessScope who) => Make<ConsultationDiscussion>(clock, who);

    public ConsultationProposals Proposals() => Make<ConsultationProposals>(clock);

    public ConsultationClosing Closing(AccessScope who) => Make<ConsultationClosing>(clock, Scenes(who), Blowing(who), Reforms(who));

    public WhistleBlowing Blowing(AccessScope who) => Make<WhistleBlowing>(clock, who);

    public WhistleWorkflow Workflow(AccessScope who) => Make<WhistleWorkflow>(clock, who, Moves(who));

    public WhistleFeedback Feedback(AccessScope who) => Make<WhistleFeedback>(clock, Moves(who));

    public SceneWriter Scenes(AccessScope who) => Make<SceneWriter>(clock, who);

    public SceneEvaluation Evaluation() => Make<SceneEvaluation>(Make<SceneEffectCalculator>(clock));

    public ReformList Reforms(AccessScope who) => Make<ReformList>(clock, who);

    public ServiceList ServiceList() => services.GetRequiredService<ServiceList>();

    private WhistleMoves Moves(AccessScope who) => Make<WhistleMoves>(clock, who);

    private T Make<T>(params object[] given) where T : class => ActivatorUtilities.CreateInstance<T>(services, given);
}
