/*
 * The SSRF guard of callbacks: a notify URL is chosen by a client, so the
 * address it resolves to must not be one of the server's own networks.
 * Two tables of prefixes (IPv4, IPv6) name every range that is not
 * public unicast; the first match gives the reason.
 */
#include <netinet/in.h>
#include <string.h>

#include "server/notify/notify.h"

struct prefix {
	unsigned char addr[16];
	int bits;
	const char *why;
};

static const struct prefix v4[] = {
	{ { 0 }, 8, "unspecified" },			/* 0.0.0.0/8 */
	{ { 10 }, 8, "private" },
	{ { 100, 64 }, 10, "shared (CGNAT)" },
	{ { 127 }, 8, "loopback" },
	{ { 169, 254 }, 16, "link-local" },
	{ { 172, 16 }, 12, "private" },
	{ { 192, 0, 0 }, 24, "reserved" },		/* IETF protocols */
	{ { 192, 0, 2 }, 24, "documentation" },
	{ { 192, 88, 99 }, 24, "reserved" },		/* 6to4 relays */
	{ { 192, 168 }, 16, "private" },
	{ { 198, 18 }, 15, "benchmarking" },
	{ { 198, 51, 100 }, 24, "documentation" },
	{ { 203, 0, 113 }, 24, "documentation" },
	{ { 224 }, 4, "multicast" },
	{ { 240 }, 4, "reserved" },			/* and broadcast */
};

static const struct prefix v6[] = {
	{ { 0 }, 128, "unspecified" },
	{ { [15] = 1 }, 128, "loopback" },
	{ { [10] = 0xff, [11] = 0xff }, 96, "IPv4-mapped" },
	{ { 0 }, 96, "IPv4-compatible" },
	{ { 0, 0x64, 0xff, 0x9b }, 96, "NAT64" },
	{ { 0, 0x64, 0xff, 0x9b, 0, 1 }, 48, "NAT64" },
	{ { 1, 0 }, 64, "discard" },
	{ { 0x20, 0x01, 0, 0 }, 32, "Teredo" },
	{ { 0x20, 0x01, 0, 0x02, 0, 0 }, 48, "benchmarking" },
	{ { 0x20, 0x01, 0, 0x10 }, 28, "reserved" },	/* ORCHID */
	{ { 0x20, 0x01, 0x0d, 0xb8 }, 32, "documentation" },
	{ { 0x20, 0x02 }, 16, "6to4" },
	{ { 0xfc }, 7, "unique-local" },
	{ { 0xfe, 0x80 }, 10, "link-local" },
	{ { 0xfe, 0xc0 }, 10, "site-local" },
	{ { 0xff }, 8, "multicast" },
};

/* Whether the first bits of a equal those of p. */
static bool in_prefix(const unsigned char *a, const struct prefix *p)
{
	int whole = p->bits / 8, rest = p->bits % 8;

	if (memcmp(a, p->addr, (size_t)whole) != 0)
		return false;
	if (!rest)
		return true;
	return ((a[whole] ^ p->addr[whole]) & (0xff << (8 - rest))) == 0;
}

static const char *lookup(const unsigned char *a, const struct prefix *t,
			  size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (in_prefix(a, &t[i]))
			return t[i].why;
	return NULL;
}

const char *notify_addr_refused(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		return lookup((const unsigned char *)&in->sin_addr, v4,
			      sizeof(v4) / sizeof(v4[0]));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return lookup(in6->sin6_addr.s6_addr, v6,
			      sizeof(v6) / sizeof(v6[0]));
	}
	return "non-IP";
}
