import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { metricsAccess } from '../../server/observability/metrics-access';

const TOKEN = 'a-scrape-token-of-thirty-two-chars!!';

function request(remoteAddress: string, headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe('who may read /metrics', () => {
  it('lets in a client on this machine that connects directly, over IPv4 or IPv6', () => {
    for (const address of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) {
      expect(metricsAccess(request(address), undefined), address).toBe('allowed');
    }
  });

  it('refuses other machines, and a local request a proxy relayed', () => {
    expect(metricsAccess(request('192.0.2.7'), undefined)).toBe('forbidden');
    expect(metricsAccess(request('::ffff:10.0.0.3'), undefined)).toBe('forbidden');
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      expect(metricsAccess(request('127.0.0.1', { [header]: '203.0.113.9' }), undefined), header).toBe('forbidden');
    }
  });

  it('lets in anyone with the token when one is set, and asks the others for it', () => {
    const bearer = { authorization: `Bearer ${TOKEN}` };
    expect(metricsAccess(request('192.0.2.7', bearer), TOKEN)).toBe('allowed');
    expect(metricsAccess(request('127.0.0.1', { ...bearer, 'x-forwarded-for': '203.0.113.9' }), TOKEN)).toBe('allowed');
    expect(metricsAccess(request('192.0.2.7'), TOKEN)).toBe('needs-token');
    expect(metricsAccess(request('192.0.2.7', { authorization: `Bearer ${TOKEN}x` }), TOKEN)).toBe('needs-token');
    expect(metricsAccess(request('192.0.2.7', { authorization: TOKEN }), TOKEN)).toBe('needs-token');
    // Without a token configured, no header opens the door.
    expect(metricsAccess(request('192.0.2.7', { authorization: 'Bearer ' }), undefined)).toBe('forbidden');
  });
});
