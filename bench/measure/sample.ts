/** One timed run of a whole process. */
export interface Sample {
    readonly ms: number;
    /** Peak RSS in MB. */
    readonly peakMb: number;
    /** Bytes the run added to the repository (generate only). */
    readonly bytes?: number;
}
