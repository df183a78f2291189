using System.Net;
using FluentAssertions;
using SlaApi.Infrastructure.Webhooks;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests.Webhooks;

/// <summary>Deliveries never reach the API's own network unless a development setting allows it.</summary>
public sealed class OutboundAddressGuardTests
{
    private static readonly OutboundAddressGuard Guard = new(new WebhookOptions());

    [TestCase("127.0.0.1")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("::ffff:10.0.0.1")]
    [TestCase("64:ff9b::a9fe:a9fe", TestName = "NAT64 of 169.254.169.254")]
    [TestCase("64:ff9b::7f00:1", TestName = "NAT64 of 127.0.0.1")]
    [TestCase("64:ff9b:1::5db8:d70e", TestName = "local-use NAT64")]
    [TestCase("2002:a00:1::1", TestName = "6to4 of 10.0.0.1")]
    [TestCase("2002:7f00:1::", TestName = "6to4 of 127.0.0.1")]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2", TestName = "Teredo")]
    [TestCase("::a00:1", TestName = "IPv4-compatible 10.0.0.1")]
    [TestCase("::7f00:1", TestName = "IPv4-compatible 127.0.0.1")]
    [TestCase("::", TestName = "unspecified")]
    [TestCase("100::1", TestName = "discard")]
    [TestCase("2001:db8::1", TestName = "documentation")]
    public void PrivateLoopbackAndLinkLocalAddresses_AreNotPublic(string address) =>
        OutboundAddressGuard.IsPublic(IPAddress.Parse(address)).Should().BeFalse();

    [TestCase("93.184.215.14")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [TestCase("64:ff9b::5db8:d70e", TestName = "NAT64 of public 93.184.215.14")]
    [TestCase("2002:5db8:d70e::1", TestName = "6to4 of public 93.184.215.14")]
    public void OtherAddresses_ArePublic(string address) =>
        OutboundAddressGuard.IsPublic(IPAddress.Parse(address)).Should().BeTrue();

    [TestCase("http://hooks.example.com/x", "https")]
    [TestCase("https://127.0.0.1/x", "loopback")]
    [TestCase("https://localhost/x", "loopback")]
    [TestCase("https://[::1]/x", "loopback")]
    [TestCase("https://169.254.169.254/latest/meta-data", "private")]
    [TestCase("https://user:pass@hooks.example.com/x", "credentials")]
    public void UnsafeUrls_AreRefused_SayingWhy(string url, string reason) =>
        Guard.Refusal(new Uri(url)).Should().Contain(reason);

    [Test]
    public void APublicHttpsUrl_IsAccepted() => Guard.Refusal(new Uri("https://hooks.example.com/sla")).Should().BeNull();

    [Test]
    public void TheDevelopmentSetting_AllowsLoopbackAndHttp() =>
        new OutboundAddressGuard(new WebhookOptions { AllowPrivateAddresses = true }).Refusal(new Uri("http://127.0.0.1:5000/hooks")).Should().BeNull();

    [Test]
    public async Task AConnection_ToANameThatResolvesToLoopback_IsRefused()
    {
        using var listener = new HttpListener();
        var port = LoopbackPorts.Free();
        listener.Prefixes.Add($"http://localhost:{port}/");
        listener.Start();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Guard.ConnectAsync, AllowAutoRedirect = false });

        var sending = () => client.GetAsync($"http://localhost:{port}/");

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("no public address");
    }
}
