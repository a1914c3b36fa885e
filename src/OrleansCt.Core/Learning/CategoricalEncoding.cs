namespace OrleansCt.Core.Learning;

/// <summary>How a categorical feature becomes inputs of a linear model.</summary>
public enum CategoricalEncoding
{
    /// <summary>One input per listed category; an unseen value activates none.</summary>
    OneHot,

    /// <summary>XxHash3 of "name\u0001value" modulo the bucket count picks one input.</summary>
    Hashed,
}
