import { useEffect, useRef, useState } from 'preact/hooks';
import { SIGNATURE_MIME_TYPE } from '../../domain/signature';
import { BottomSheet } from '../components/bottom-sheet';
import { t } from '../i18n/i18n';

interface SignaturePadProps {
  signerName: string;
  /** Keeps the PNG (photo store, then the record); the sheet stays open with the error if it throws. */
  onConfirm: (png: ArrayBuffer) => Promise<void>;
  onCancel: () => void;
}

const STROKE_CSS_PX = 3;

/**
 * 签名: a full-width canvas that takes a finger, a stylus or a mouse (pointer events, no scrolling
 * while drawing), with 清除 and 确认. The drawing is kept at the screen's pixel density, so it stays
 * sharp on paper, and handed on as PNG bytes.
 */
export function SignaturePad({ signerName, onConfirm, onCancel }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | undefined>(undefined);
  const [drawn, setDrawn] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const context = () => canvas.current?.getContext('2d') ?? undefined;

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = window.devicePixelRatio || 1;
    const box = element.getBoundingClientRect();
    element.width = Math.round(box.width * ratio);
    element.height = Math.round(box.height * ratio);
    const pen = element.getContext('2d');
    if (!pen) return;
    pen.scale(ratio, ratio);
    pen.lineWidth = STROKE_CSS_PX;
    pen.lineCap = 'round';
    pen.lineJoin = 'round';
    pen.strokeStyle = '#111';
    pen.fillStyle = '#111';
  }, []);

  const point = (event: PointerEvent) => {
    const box = canvas.current?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };

  const down = (event: PointerEvent) => {
    event.preventDefault();
    canvas.current?.setPointerCapture(event.pointerId);
    const at = point(event);
    last.current = at;
    const pen = context();
    // A tap is a dot: a stroke of zero length draws nothing with round caps in every browser.
    pen?.beginPath();
    pen?.arc(at.x, at.y, STROKE_CSS_PX / 2, 0, Math.PI * 2);
    pen?.fill();
    setDrawn(true);
    setError(undefined);
  };

  const move = (event: PointerEvent) => {
    const from = last.current;
    if (!from) return;
    event.preventDefault();
    const to = point(event);
    const pen = context();
    pen?.beginPath();
    pen?.moveTo(from.x, from.y);
    pen?.lineTo(to.x, to.y);
    pen?.stroke();
    last.current = to;
  };

  const up = () => {
    last.current = undefined;
  };

  const clear = () => {
    const element = canvas.current;
    context()?.clearRect(0, 0, element?.width ?? 0, element?.height ?? 0);
    setDrawn(false);
  };

  const confirm = async () => {
    const element = canvas.current;
    if (!element || !drawn) {
      setError(t('print.padEmpty'));
      return;
    }
    setBusy(true);
    try {
      const blob = await new Promise<Blob | null>((resolve) => element.toBlob(resolve, SIGNATURE_MIME_TYPE));
      if (!blob) throw new Error('canvas.toBlob gave nothing');
      await onConfirm(await blob.arrayBuffer());
    } catch (failure) {
      setError(
        t('print.padFailed', { message: failure instanceof Error ? failure.message : String(failure) }),
      );
      setBusy(false);
    }
  };

  return (
    <BottomSheet
      title={t('print.padTitle', { name: signerName })}
      class="signature-sheet"
      focus=".signature-pad__clear"
      onClose={onCancel}
    >
      <canvas
        ref={canvas}
        class="signature-pad"
        aria-label={t('print.signatureOf', { name: signerName })}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
      <div class="action-bar__row">
        <button type="button" class="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" class="button button--secondary signature-pad__clear" onClick={clear}>
          {t('print.padClear')}
        </button>
        <button type="button" class="button button--primary" disabled={busy} onClick={() => void confirm()}>
          {t('print.padConfirm')}
        </button>
      </div>
    </BottomSheet>
  );
}
