import { z } from 'zod';

/**
 * zod compiles object schemas with `new Function` when it may, and probes
 * whether it may by trying. The pages' Content-Security-Policy allows no
 * eval, so in the browser that probe is a reported violation on every load.
 * Schemas parse without compiling just as well for the small inputs here.
 * Imported first by every module that builds schemas.
 */
z.config({ jitless: true });

export { z };
