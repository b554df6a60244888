import Foundation
import Testing

@testable import FeedWatchConfig
@testable import FeedWatchTransport

@Suite("CurlTransport: refusing private networks")
struct PrivateNetworkTests {
    @Test(arguments: [
        "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ])
    func loopbackPrivateLinkLocalAndMetadataAddressesArePrivate(address: String) {
        #expect(CurlTransport.isPrivate(address: address) == true)
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:1.1.1.1"])
    func publicAddressesAreNot(address: String) {
        #expect(CurlTransport.isPrivate(address: address) == false)
    }

    @Test func aFeedOnLoopbackIsRefusedBeforeAnyRequestWhenPrivateNetworksAreRefused() async throws {
        try await TestFeedServer.withServer { server in
            server.publish("/feed.xml", .init(body: Data("<rss/>".utf8)))
            let request = CurlTransport.Request(
                url: server.url("/feed.xml"),
                options: .init(refusesPrivateNetworks: true)
            )
            let error = await #expect(throws: FetchError.self) {
                try await CurlTransport(maximumConcurrentTransfers: 1).perform(request)
            }
            #expect(error?.code == .refusedAddress)
            #expect(error?.description.contains("poll.allow_private_networks") == true)
            #expect(server.requests(to: "/feed.xml").isEmpty)
            let allowed = try await CurlTransport(maximumConcurrentTransfers: 1).perform(
                CurlTransport.Request(url: server.url("/feed.xml"))
            )
            #expect(allowed.status == 200)
        }
    }

    @Test func privateNetworksAreAllowedUnlessTheConfigurationSaysOtherwise() throws {
        #expect(try parseConfig("feeds: []\n").poll.allowPrivateNetworks)
        #expect(try !parseConfig("poll:\n  allow_private_networks: false\n").poll.allowPrivateNetworks)
    }
}
