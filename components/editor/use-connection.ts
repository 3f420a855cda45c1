'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE_CODES, closeReasonKey } from '../../lib/collab/close-codes';

export type ConnectionStatus = 'connected' | 'connecting' | 'offline';

/** Failed attempts in a row after which "connecting" is reported as "offline". */
const ATTEMPTS_BEFORE_OFFLINE = 3;

export interface ConnectionState {
  status: ConnectionStatus;
  /** The session ended (4401): the user must sign in again. */
  expired: boolean;
  /** The server refused the document for good (4403, 4404, 4413, 4422): no retrying. */
  stopped: boolean;
  /** The server refused a change of this copy (4422): it must start again from the server's. */
  refused: boolean;
  /** messages/ key explaining the last close, until the next successful connection. */
  reasonKey: string | undefined;
}

function isOnline(): boolean {
  return typeof navigator === 'undefined' ? true : navigator.onLine;
}

/**
 * What the user should be told about the connection. navigator.onLine and the
 * provider's own status are combined: a phone without signal is "offline" at
 * once, and a server that keeps refusing is "offline" after a few tries
 * instead of "connecting" forever.
 */
export function useConnection(provider: WebsocketProvider | null): ConnectionState {
  const [wsStatus, setWsStatus] = useState<'connected' | 'connecting' | 'disconnected'>('connecting');
  const [failures, setFailures] = useState(0);
  const [online, setOnline] = useState(isOnline);
  const [closed, setClosed] = useState<{ code: number; reasonKey: string | undefined } | null>(null);

  useEffect(() => {
    if (!provider) return;
    const onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
      setWsStatus(status);
      setFailures(provider.wsUnsuccessfulReconnects);
      if (status === 'connected') setClosed((c) => (c && c.code >= 4400 && c.code < 4500 ? c : null));
    };
    const onClose = (event: CloseEvent | null) => {
      setFailures(provider.wsUnsuccessfulReconnects);
      // null: we closed it ourselves (destroy, watchdog); nothing to tell the user.
      // The provider itself stops retrying on 4400–4499 (an expired cookie cannot succeed);
      // edits made meanwhile stay on the device and are sent after signing in again.
      if (!event) return;
      setClosed({ code: event.code, reasonKey: closeReasonKey(event.code) });
    };
    const onOnline = () => {
      setOnline(true);
      // Skip the remaining back-off: the network is back now.
      if (provider.shouldConnect && !provider.wsconnected && !provider.ws) provider.connect();
    };
    const onOffline = () => setOnline(false);

    provider.on('status', onStatus);
    provider.on('connection-close', onClose);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    setWsStatus(provider.wsconnected ? 'connected' : 'connecting');
    return () => {
      provider.off('status', onStatus);
      provider.off('connection-close', onClose);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [provider]);

  const expired = closed?.code === CLOSE_CODES.unauthorized;
  const refused = closed?.code === CLOSE_CODES.updateRefused;
  const stopped = closed !== null && closed.code >= 4400 && closed.code < 4500;
  let status: ConnectionStatus;
  if (stopped || !online) status = 'offline';
  else if (wsStatus === 'connected') status = 'connected';
  else status = failures >= ATTEMPTS_BEFORE_OFFLINE ? 'offline' : 'connecting';
  return { status, expired, stopped, refused, reasonKey: closed?.reasonKey };
}
