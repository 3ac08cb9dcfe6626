/**
 * Renderer set-up for machines whose WebGL runs on a CPU rasteriser (SwiftShader, llvmpipe:
 * headless Chromium, VMs, blocked GPU drivers). There every pixel's shader runs on the CPU, so:
 * no multisampling, 1× resolution, and a batch shader with one texture slot instead of sixteen
 * (pixi sizes its batch shader from MAX_TEXTURE_IMAGE_UNITS, and each slot adds a branch that
 * every pixel pays for: measured here, a full-screen fill went from ~85 ms to ~40 ms).
 * On a real GPU none of this applies and pixi's defaults are kept.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function isSoftwareRenderer(): boolean {
  const probe = document.createElement('canvas');
  const gl = probe.getContext('webgl');
  if (!gl) return false;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    return SOFTWARE.test(name);
  } finally {
    // Give the context back at once: browsers allow only a handful.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** A WebGL 2 context for pixi that reports a single texture unit; null if WebGL 2 is missing. */
export function softwareContext(): { canvas: HTMLCanvasElement; context: WebGL2RenderingContext } | null {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('webgl2', { antialias: false, alpha: true, premultipliedAlpha: true, stencil: true });
  if (!context) return null;
  const getParameter = context.getParameter.bind(context);
  context.getParameter = (pname: GLenum): unknown =>
    pname === context.MAX_TEXTURE_IMAGE_UNITS ? 1 : getParameter(pname);
  return { canvas, context };
}
