import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER } from '../net/client-address';

/** The address of the client of this request, as the HTTP server determined it (server/net/client-address.ts). */
export async function requestAddress(): Promise<string | null> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER);
}
