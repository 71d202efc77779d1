using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class ModelJsonTests
{
    [Fact]
    public void ToJson_FittedModels_RoundTripExactly()
    {
        var bg = CdnowFits.BgNbd.Model;
        var bg2 = BgNbdModel.FromJson(bg.ToJson());
        Assert.Equal((bg.R, bg.Alpha, bg.A, bg.B, bg.TimeUnit), (bg2.R, bg2.Alpha, bg2.A, bg2.B, bg2.TimeUnit));
        var mbg = new MbgNbdModel(0.5, 6.1, 0.9, 1.6, TimeUnit.Month);
        var mbg2 = MbgNbdModel.FromJson(mbg.ToJson());
        Assert.Equal((mbg.R, mbg.Alpha, mbg.A, mbg.B, mbg.TimeUnit), (mbg2.R, mbg2.Alpha, mbg2.A, mbg2.B, mbg2.TimeUnit));
        var gg = CdnowFits.GammaGamma.Model;
        var gg2 = GammaGammaModel.FromJson(gg.ToJson());
        Assert.Equal((gg.P, gg.Q, gg.V), (gg2.P, gg2.Q, gg2.V));
    }

    [Fact]
    public void ToJson_BgNbd_HasVersionUnitAndNamedParameters()
    {
        string json = new BgNbdModel(0.25, 4, 0.8, 2.5, TimeUnit.Week).ToJson();
        Assert.Equal("""{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":0.25,"alpha":4,"a":0.8,"b":2.5}}""", json);
    }

    [Theory]
    [InlineData("""{"model":"BG/NBD","version":2,"timeUnit":"Week","parameters":{"r":0.25,"alpha":4,"a":0.8,"b":2.5}}""", "version 2 is not supported")]
    [InlineData("""{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":-0.25,"alpha":4,"a":0.8,"b":2.5}}""", "r must be")]
    [InlineData("""{"model":"BG/NBD","version":1,"timeUnit":"Fortnight","parameters":{"r":0.25,"alpha":4,"a":0.8,"b":2.5}}""", "timeUnit")]
    [InlineData("""{"model":"MBG/NBD","version":1,"timeUnit":"Week","parameters":{"r":0.25,"alpha":4,"a":0.8,"b":2.5}}""", "expected \"BG/NBD\"")]
    [InlineData("""{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":0.25,"alpha":4,"a":0.8}}""", "\"b\"")]
    [InlineData("""not json""", "Cannot read a BG/NBD model")]
    public void FromJson_Invalid_ThrowsFormatExceptionSayingWhy(string json, string why)
    {
        var ex = Assert.Throws<FormatException>(() => BgNbdModel.FromJson(json));
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }
}
