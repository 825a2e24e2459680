namespace NeedsMap.Sdk;

/// <summary>Population groups whose needs the city tracks apart; unknown is <see langword="null"/>.</summary>
public enum ReporterGroup
{
    /// <summary><c>local_resident</c>: a registered local resident (本地户籍居民).</summary>
    LocalResident,
    /// <summary><c>migrant_worker</c>: a worker from elsewhere (新义乌人, 外来务工人员).</summary>
    MigrantWorker,
    /// <summary><c>foreign_merchant</c>: a foreign trader (境外客商).</summary>
    ForeignMerchant,
    /// <summary><c>student</c>: a student.</summary>
    Student,
    /// <summary><c>elderly_living_alone</c>: an older person living alone (独居老人).</summary>
    ElderlyLivingAlone,
}
